<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
  <context>
    <name>jxc</name>
    <message>
      <source>A4 不干胶 3×8（63.5×33.9 mm）</source>
      <translation>A4 label sheet 3×8 (63.5×33.9 mm)</translation>
    </message>
    <message>
      <source>jxc 进销存</source>
      <translation>jxc Inventory &amp; Accounting</translation>
    </message>
    <message>
      <source>jxc_desktop 进销存：离线优先的小企业进销存与财务软件。</source>
      <translation>jxc_desktop: offline-first inventory, sales, purchasing and accounting for small businesses.</translation>
    </message>
    <message>
      <source>{path} 不是有效的账套数据库：{e}</source>
      <translation>{path} is not a valid company database: {e}</translation>
    </message>
    <message>
      <source>……共 {n} 个</source>
      <translation>… {n} in all</translation>
    </message>
    <message>
      <source>一般纳税人</source>
      <translation>General taxpayer</translation>
    </message>
    <message>
      <source>上一步</source>
      <translation>Back</translation>
    </message>
    <message>
      <source>上级分类</source>
      <translation>Parent category</translation>
    </message>
    <message>
      <source>上级部门</source>
      <translation>Parent department</translation>
    </message>
    <message>
      <source>下一步</source>
      <translation>Next</translation>
    </message>
    <message>
      <source>下载导入模板</source>
      <translation>Download template</translation>
    </message>
    <message>
      <source>业务凭证审核</source>
      <translation>Business voucher review</translation>
    </message>
    <message>
      <source>个别计价</source>
      <translation>Specific identification</translation>
    </message>
    <message>
      <source>产成品</source>
      <translation>Finished goods</translation>
    </message>
    <message>
      <source>产量</source>
      <translation>Output quantity</translation>
    </message>
    <message>
      <source>人工工时</source>
      <translation>Labour hours</translation>
    </message>
    <message>
      <source>从 Excel 导入</source>
      <translation>Import from Excel</translation>
    </message>
    <message>
      <source>仓库</source>
      <translation>Warehouses</translation>
    </message>
    <message>
      <source>仓库名称</source>
      <translation>Warehouse name</translation>
    </message>
    <message>
      <source>仓库编码</source>
      <translation>Warehouse code</translation>
    </message>
    <message>
      <source>付款与应付账款</source>
      <translation>Payments and accounts payable</translation>
    </message>
    <message>
      <source>付款期限天数</source>
      <translation>Payment terms (days)</translation>
    </message>
    <message>
      <source>价格等级</source>
      <translation>Price grade</translation>
    </message>
    <message>
      <source>低于安全库存</source>
      <translation>Below safety stock</translation>
    </message>
    <message>
      <source>供应商</source>
      <translation>Suppliers</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>保存标签 PDF</source>
      <translation>Save labels PDF</translation>
    </message>
    <message>
      <source>保存设置</source>
      <translation>Save settings</translation>
    </message>
    <message>
      <source>保存错误报告</source>
      <translation>Save error report</translation>
    </message>
    <message>
      <source>保存错误报告…</source>
      <translation>Save error report…</translation>
    </message>
    <message>
      <source>保质期天数</source>
      <translation>Shelf life (days)</translation>
    </message>
    <message>
      <source>信用控制</source>
      <translation>Credit control</translation>
    </message>
    <message>
      <source>信用等级</source>
      <translation>Credit rating</translation>
    </message>
    <message>
      <source>信用额度</source>
      <translation>Credit limit</translation>
    </message>
    <message>
      <source>修改</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>修改仓库</source>
      <translation>Edit warehouse</translation>
    </message>
    <message>
      <source>修改分类</source>
      <translation>Edit category</translation>
    </message>
    <message>
      <source>修改单位</source>
      <translation>Edit unit</translation>
    </message>
    <message>
      <source>修改商品</source>
      <translation>Edit item</translation>
    </message>
    <message>
      <source>修改币种</source>
      <translation>Edit currency</translation>
    </message>
    <message>
      <source>修改税率</source>
      <translation>Edit tax rate</translation>
    </message>
    <message>
      <source>修改职员</source>
      <translation>Edit staff member</translation>
    </message>
    <message>
      <source>修改部门</source>
      <translation>Edit department</translation>
    </message>
    <message>
      <source>停用/启用</source>
      <translation>Deactivate/Activate</translation>
    </message>
    <message>
      <source>允许负库存</source>
      <translation>Allow negative stock</translation>
    </message>
    <message>
      <source>先进先出</source>
      <translation>FIFO</translation>
    </message>
    <message>
      <source>全部分类</source>
      <translation>All categories</translation>
    </message>
    <message>
      <source>公司名称</source>
      <translation>Company name</translation>
    </message>
    <message>
      <source>共 {n} 条</source>
      <translation>Rows: {n}</translation>
    </message>
    <message>
      <source>关于</source>
      <translation>About</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>其他出入库、调拨、盘点</source>
      <translation>Other receipts and issues, transfers, stocktakes</translation>
    </message>
    <message>
      <source>凭证录入、审核、记账</source>
      <translation>Voucher entry, review and posting</translation>
    </message>
    <message>
      <source>分步法约当产量</source>
      <translation>Process costing equivalent units</translation>
    </message>
    <message>
      <source>分类</source>
      <translation>Category</translation>
    </message>
    <message>
      <source>分类名称</source>
      <translation>Category name</translation>
    </message>
    <message>
      <source>分类编码</source>
      <translation>Category code</translation>
    </message>
    <message>
      <source>切换语言</source>
      <translation>Switch language</translation>
    </message>
    <message>
      <source>列</source>
      <translation>Column</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>删除行</source>
      <translation>Remove row</translation>
    </message>
    <message>
      <source>制造费用分配标准</source>
      <translation>Overhead allocation basis</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>加权平均</source>
      <translation>Weighted average</translation>
    </message>
    <message>
      <source>半成品</source>
      <translation>Semi-finished</translation>
    </message>
    <message>
      <source>单位</source>
      <translation>Units</translation>
    </message>
    <message>
      <source>单位</source>
      <comment>column</comment>
      <translation>Unit</translation>
    </message>
    <message>
      <source>单位名称</source>
      <translation>Unit name</translation>
    </message>
    <message>
      <source>单位（空 = 基本单位）</source>
      <translation>Unit (empty = base unit)</translation>
    </message>
    <message>
      <source>单据</source>
      <translation>Documents</translation>
    </message>
    <message>
      <source>单独审核</source>
      <translation>Separate review</translation>
    </message>
    <message>
      <source>即将过期</source>
      <translation>Expiring soon</translation>
    </message>
    <message>
      <source>原因</source>
      <translation>Reason</translation>
    </message>
    <message>
      <source>原材料</source>
      <translation>Raw material</translation>
    </message>
    <message>
      <source>发现 {n} 个问题，未写入任何数据。请修改文件后重新导入。</source>
      <translation>Problems found: {n}. Nothing was written; fix the file and import again.</translation>
    </message>
    <message>
      <source>发现 {n} 个问题，未写入任何数据：</source>
      <translation>Problems found: {n}. Nothing was written:</translation>
    </message>
    <message>
      <source>发现 {n} 个问题，请修改后再保存。</source>
      <translation>Problems found: {n}. Please correct them and save again.</translation>
    </message>
    <message>
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>否</source>
      <translation>No</translation>
    </message>
    <message>
      <source>启用期间</source>
      <translation>Start period</translation>
    </message>
    <message>
      <source>启用期间 (YYYY-MM)</source>
      <translation>Start period (YYYY-MM)</translation>
    </message>
    <message>
      <source>启用模块</source>
      <translation>Modules</translation>
    </message>
    <message>
      <source>呆滞料</source>
      <translation>Slow-moving</translation>
    </message>
    <message>
      <source>呆滞料天数</source>
      <translation>Slow-moving after (days)</translation>
    </message>
    <message>
      <source>商品</source>
      <translation>Items</translation>
    </message>
    <message>
      <source>商品</source>
      <comment>item type</comment>
      <translation>Goods</translation>
    </message>
    <message>
      <source>商品分类</source>
      <translation>Item categories</translation>
    </message>
    <message>
      <source>商品名称</source>
      <translation>Item name</translation>
    </message>
    <message>
      <source>商品编码</source>
      <translation>Item code</translation>
    </message>
    <message>
      <source>固定批量</source>
      <translation>Fixed lot</translation>
    </message>
    <message>
      <source>地址</source>
      <translation>Address</translation>
    </message>
    <message>
      <source>基本信息</source>
      <translation>General</translation>
    </message>
    <message>
      <source>基本单位</source>
      <translation>Base unit</translation>
    </message>
    <message>
      <source>基础资料</source>
      <translation>Base data</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>委外</source>
      <translation>Outsourced</translation>
    </message>
    <message>
      <source>安全库存</source>
      <translation>Safety stock</translation>
    </message>
    <message>
      <source>完成</source>
      <translation>Finish</translation>
    </message>
    <message>
      <source>客户</source>
      <translation>Customers</translation>
    </message>
    <message>
      <source>导入{what}</source>
      <translation>Import {what}</translation>
    </message>
    <message>
      <source>导入失败，未写入任何数据。</source>
      <translation>The import failed; nothing was written.</translation>
    </message>
    <message>
      <source>导入完成：新增 {c} 条，更新 {u} 条。</source>
      <translation>Import finished: {c} created, {u} updated.</translation>
    </message>
    <message>
      <source>导出 Excel</source>
      <translation>Export to Excel</translation>
    </message>
    <message>
      <source>小规模纳税人</source>
      <translation>Small-scale taxpayer</translation>
    </message>
    <message>
      <source>工具栏</source>
      <translation>Toolbar</translation>
    </message>
    <message>
      <source>已导出到 {p}</source>
      <translation>Exported to {p}</translation>
    </message>
    <message>
      <source>已生成标签：{p}</source>
      <translation>Labels written: {p}</translation>
    </message>
    <message>
      <source>已过期</source>
      <translation>Expired</translation>
    </message>
    <message>
      <source>币种</source>
      <translation>Currencies</translation>
    </message>
    <message>
      <source>币种代码</source>
      <translation>Currency code</translation>
    </message>
    <message>
      <source>币种名称</source>
      <translation>Currency name</translation>
    </message>
    <message>
      <source>帮助(&amp;H)</source>
      <translation>&amp;Help</translation>
    </message>
    <message>
      <source>序列号管理</source>
      <translation>Serial numbers</translation>
    </message>
    <message>
      <source>库位</source>
      <translation>Locations</translation>
    </message>
    <message>
      <source>库位名称</source>
      <translation>Location name</translation>
    </message>
    <message>
      <source>库位编码</source>
      <translation>Location code</translation>
    </message>
    <message>
      <source>库存</source>
      <translation>Inventory</translation>
    </message>
    <message>
      <source>库存与往来报表，导出 Excel/PDF</source>
      <translation>Stock and partner reports, export to Excel/PDF</translation>
    </message>
    <message>
      <source>库存与计价</source>
      <translation>Stock and valuation</translation>
    </message>
    <message>
      <source>库存余额、出入库明细、库存预警</source>
      <translation>Stock balances, stock ledger, stock alerts</translation>
    </message>
    <message>
      <source>库存预警</source>
      <translation>Stock alerts</translation>
    </message>
    <message>
      <source>应收应付确认依据</source>
      <translation>Receivables/payables arise on</translation>
    </message>
    <message>
      <source>建立演示账套</source>
      <translation>Create the demo company</translation>
    </message>
    <message>
      <source>建立账套</source>
      <translation>Set up the company</translation>
    </message>
    <message>
      <source>建账向导</source>
      <translation>Company setup</translation>
    </message>
    <message>
      <source>开始导入</source>
      <translation>Start import</translation>
    </message>
    <message>
      <source>张数</source>
      <translation>Number of labels</translation>
    </message>
    <message>
      <source>当前期间</source>
      <translation>Current period</translation>
    </message>
    <message>
      <source>当前期间：</source>
      <translation>Period: </translation>
    </message>
    <message>
      <source>当前页面没有此操作</source>
      <translation>This page has no such action</translation>
    </message>
    <message>
      <source>待检/隔离仓</source>
      <translation>Quarantine warehouse</translation>
    </message>
    <message>
      <source>我的公司</source>
      <translation>My company</translation>
    </message>
    <message>
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <source>打印条码标签</source>
      <translation>Print barcode labels</translation>
    </message>
    <message>
      <source>打印条码标签：{name}</source>
      <translation>Print barcode labels: {name}</translation>
    </message>
    <message>
      <source>打印边框（普通纸裁切用）</source>
      <translation>Print outlines (for cutting plain paper)</translation>
    </message>
    <message>
      <source>批次管理</source>
      <translation>Batch managed</translation>
    </message>
    <message>
      <source>批量</source>
      <translation>Lot size</translation>
    </message>
    <message>
      <source>批量规则</source>
      <translation>Lot rule</translation>
    </message>
    <message>
      <source>报表</source>
      <translation>Reports</translation>
    </message>
    <message>
      <source>拒绝出库</source>
      <translation>Refuse the issue</translation>
    </message>
    <message>
      <source>按出入库</source>
      <translation>On delivery/receipt</translation>
    </message>
    <message>
      <source>按发票</source>
      <translation>On invoice</translation>
    </message>
    <message>
      <source>按账套默认</source>
      <translation>Company default</translation>
    </message>
    <message>
      <source>按需</source>
      <translation>Lot for lot</translation>
    </message>
    <message>
      <source>换算率（1 单位 = ? 基本单位）</source>
      <translation>Factor (base units in 1 unit)</translation>
    </message>
    <message>
      <source>提前期天数</source>
      <translation>Lead time (days)</translation>
    </message>
    <message>
      <source>提示</source>
      <translation>Information</translation>
    </message>
    <message>
      <source>提醒</source>
      <translation>Warn</translation>
    </message>
    <message>
      <source>搜索：编码开头 / 名称包含 / 条码（回车）</source>
      <translation>Search: code starts with / name contains / barcode (Enter)</translation>
    </message>
    <message>
      <source>操作员：</source>
      <translation>User: </translation>
    </message>
    <message>
      <source>支持 .xlsx 和 UTF-8 编码的 .csv；整个文件无误才会写入。</source>
      <translation>Accepts .xlsx and UTF-8 .csv; nothing is written unless the whole file is valid.</translation>
    </message>
    <message>
      <source>收款与应收账款、信用控制</source>
      <translation>Receipts, accounts receivable, credit control</translation>
    </message>
    <message>
      <source>效期预警天数</source>
      <translation>Expiry warning (days)</translation>
    </message>
    <message>
      <source>数据库文件</source>
      <translation>Database file</translation>
    </message>
    <message>
      <source>数据库：</source>
      <translation>Database: </translation>
    </message>
    <message>
      <source>数据有误</source>
      <translation>Invalid data</translation>
    </message>
    <message>
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <source>新商品默认计价方法</source>
      <translation>Default valuation for new items</translation>
    </message>
    <message>
      <source>新建</source>
      <translation>New</translation>
    </message>
    <message>
      <source>新建仓库</source>
      <translation>New warehouse</translation>
    </message>
    <message>
      <source>新建分类</source>
      <translation>New category</translation>
    </message>
    <message>
      <source>新建单位</source>
      <translation>New unit</translation>
    </message>
    <message>
      <source>新建商品</source>
      <translation>New item</translation>
    </message>
    <message>
      <source>新建币种</source>
      <translation>New currency</translation>
    </message>
    <message>
      <source>新建我的公司账套</source>
      <translation>Set up my own company</translation>
    </message>
    <message>
      <source>新建税率</source>
      <translation>New tax rate</translation>
    </message>
    <message>
      <source>新建职员</source>
      <translation>New staff member</translation>
    </message>
    <message>
      <source>新建部门</source>
      <translation>New department</translation>
    </message>
    <message>
      <source>无法加载英文翻译文件，界面保持中文。</source>
      <translation>The English translation could not be loaded; the interface stays in Chinese.</translation>
    </message>
    <message>
      <source>无法打开账套</source>
      <translation>Cannot open the company</translation>
    </message>
    <message>
      <source>是</source>
      <translation>Yes</translation>
    </message>
    <message>
      <source>显示售价</source>
      <translation>Show sale price</translation>
    </message>
    <message>
      <source>最小批量</source>
      <translation>Minimum lot</translation>
    </message>
    <message>
      <source>最小订货量</source>
      <translation>Minimum order qty</translation>
    </message>
    <message>
      <source>最高库存</source>
      <translation>Maximum stock</translation>
    </message>
    <message>
      <source>月末一次加权平均</source>
      <translation>Periodic weighted average</translation>
    </message>
    <message>
      <source>月末结账、科目余额表</source>
      <translation>Month-end close, trial balance</translation>
    </message>
    <message>
      <source>服务</source>
      <translation>Service</translation>
    </message>
    <message>
      <source>本模块尚在开发中，目前不能使用。</source>
      <translation>This module is still being built and cannot be used yet.</translation>
    </message>
    <message>
      <source>机器工时</source>
      <translation>Machine hours</translation>
    </message>
    <message>
      <source>材料成本</source>
      <translation>Material cost</translation>
    </message>
    <message>
      <source>条码</source>
      <translation>Barcode</translation>
    </message>
    <message>
      <source>条码与单位</source>
      <translation>Barcodes and units</translation>
    </message>
    <message>
      <source>查找</source>
      <translation>Find</translation>
    </message>
    <message>
      <source>标签打印机 40×30 mm</source>
      <translation>Label printer 40×30 mm</translation>
    </message>
    <message>
      <source>标签打印机 50×30 mm</source>
      <translation>Label printer 50×30 mm</translation>
    </message>
    <message>
      <source>标签纸</source>
      <translation>Label stock</translation>
    </message>
    <message>
      <source>模块(&amp;M)</source>
      <translation>&amp;Modules</translation>
    </message>
    <message>
      <source>模板已保存到 {p}</source>
      <translation>Template saved to {p}</translation>
    </message>
    <message>
      <source>欢迎使用 jxc 进销存</source>
      <translation>Welcome to jxc</translation>
    </message>
    <message>
      <source>正在导入……</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <source>正在导出……</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <source>正在搜索……</source>
      <translation>Searching…</translation>
    </message>
    <message>
      <source>正在校验并导入……</source>
      <translation>Validating and importing…</translation>
    </message>
    <message>
      <source>此页面暂无可打印的视图。</source>
      <translation>There is no printable view on this page yet.</translation>
    </message>
    <message>
      <source>添加行</source>
      <translation>Add row</translation>
    </message>
    <message>
      <source>版本</source>
      <translation>Version</translation>
    </message>
    <message>
      <source>物料来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>物料清单、MRP 运算</source>
      <translation>Bills of materials, MRP runs</translation>
    </message>
    <message>
      <source>生产</source>
      <translation>Production</translation>
    </message>
    <message>
      <source>生产订单、领料、产品入库、成本计算</source>
      <translation>Work orders, material issues, finished goods receipts, costing</translation>
    </message>
    <message>
      <source>生成 PDF</source>
      <translation>Create PDF</translation>
    </message>
    <message>
      <source>电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <source>界面语言</source>
      <translation>Language</translation>
    </message>
    <message>
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>确定删除 {what} 吗？删除后不能恢复；已被单据引用的资料只能停用。</source>
      <translation>Delete {what}? This cannot be undone; records used by documents can only be deactivated.</translation>
    </message>
    <message>
      <source>禁止</source>
      <translation>Block</translation>
    </message>
    <message>
      <source>移动加权平均</source>
      <translation>Moving weighted average</translation>
    </message>
    <message>
      <source>程序出错：{e}</source>
      <translation>Unexpected error: {e}</translation>
    </message>
    <message>
      <source>税号</source>
      <translation>Tax number</translation>
    </message>
    <message>
      <source>税率</source>
      <translation>Tax rates</translation>
    </message>
    <message>
      <source>税率(%)</source>
      <translation>Tax rate (%)</translation>
    </message>
    <message>
      <source>税率名称</source>
      <translation>Tax rate name</translation>
    </message>
    <message>
      <source>符号</source>
      <translation>Symbol</translation>
    </message>
    <message>
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <source>系统</source>
      <translation>System</translation>
    </message>
    <message>
      <source>纳税人类型</source>
      <translation>Taxpayer type</translation>
    </message>
    <message>
      <source>编码</source>
      <translation>Code</translation>
    </message>
    <message>
      <source>编码已存在时更新（否则视为错误）</source>
      <translation>Update existing codes (otherwise they are errors)</translation>
    </message>
    <message>
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <source>职员</source>
      <translation>Staff</translation>
    </message>
    <message>
      <source>职员编码</source>
      <translation>Staff code</translation>
    </message>
    <message>
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <source>自制</source>
      <translation>Made in-house</translation>
    </message>
    <message>
      <source>行</source>
      <translation>Row</translation>
    </message>
    <message>
      <source>规格型号</source>
      <translation>Specification</translation>
    </message>
    <message>
      <source>视图(&amp;V)</source>
      <translation>&amp;View</translation>
    </message>
    <message>
      <source>计价方法</source>
      <translation>Valuation method</translation>
    </message>
    <message>
      <source>计划</source>
      <translation>Planning</translation>
    </message>
    <message>
      <source>计划提供的功能</source>
      <translation>Planned features</translation>
    </message>
    <message>
      <source>试用演示公司（含商品、客户、供应商、仓库等示例数据）</source>
      <translation>Try the demo company (sample items, customers, suppliers, warehouses)</translation>
    </message>
    <message>
      <source>语言(&amp;L)</source>
      <translation>&amp;Language</translation>
    </message>
    <message>
      <source>请先选择一行。</source>
      <translation>Please select a row first.</translation>
    </message>
    <message>
      <source>请先选择文件。</source>
      <translation>Please choose a file first.</translation>
    </message>
    <message>
      <source>请确认</source>
      <translation>Please confirm</translation>
    </message>
    <message>
      <source>请稍候</source>
      <translation>Please wait</translation>
    </message>
    <message>
      <source>负库存</source>
      <translation>Negative stock</translation>
    </message>
    <message>
      <source>财务</source>
      <translation>Finance</translation>
    </message>
    <message>
      <source>账套数据库文件将保存在：</source>
      <translation>The company database file will be saved at:</translation>
    </message>
    <message>
      <source>账套设置</source>
      <translation>Company settings</translation>
    </message>
    <message>
      <source>账套：</source>
      <translation>Company: </translation>
    </message>
    <message>
      <source>资产负债表、利润表、现金流量表</source>
      <translation>Balance sheet, income statement, cash flow statement</translation>
    </message>
    <message>
      <source>超出最高库存</source>
      <translation>Above maximum</translation>
    </message>
    <message>
      <source>辅助单位</source>
      <translation>Other units</translation>
    </message>
    <message>
      <source>还没有账套数据库。请选择：</source>
      <translation>There is no company database yet. Choose:</translation>
    </message>
    <message>
      <source>这些设置以后大多可以在“系统”中修改。</source>
      <translation>Most of these settings can be changed later under System.</translation>
    </message>
    <message>
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <source>选择导入文件</source>
      <translation>Choose the file to import</translation>
    </message>
    <message>
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <source>部门</source>
      <translation>Departments</translation>
    </message>
    <message>
      <source>部门名称</source>
      <translation>Department name</translation>
    </message>
    <message>
      <source>部门编码</source>
      <translation>Department code</translation>
    </message>
    <message>
      <source>采购</source>
      <translation>Purchasing</translation>
    </message>
    <message>
      <source>采购价</source>
      <translation>Purchase price</translation>
    </message>
    <message>
      <source>采购单位</source>
      <translation>Purchase unit</translation>
    </message>
    <message>
      <source>采购单位换算</source>
      <translation>Purchase unit factor</translation>
    </message>
    <message>
      <source>采购申请、订单、入库、退货、发票</source>
      <translation>Requisitions, orders, receipts, returns, invoices</translation>
    </message>
    <message>
      <source>银行账户</source>
      <translation>Bank account</translation>
    </message>
    <message>
      <source>销售</source>
      <translation>Sales</translation>
    </message>
    <message>
      <source>销售价</source>
      <translation>Sale price</translation>
    </message>
    <message>
      <source>销售报价、订单、出库、退货、发票</source>
      <translation>Quotations, orders, deliveries, returns, invoices</translation>
    </message>
    <message>
      <source>错误</source>
      <translation>Error</translation>
    </message>
    <message>
      <source>错误报告已保存到 {p}</source>
      <translation>Error report saved to {p}</translation>
    </message>
    <message>
      <source>随单据审核</source>
      <translation>With the document</translation>
    </message>
    <message>
      <source>隐藏停用</source>
      <translation>Hide inactive</translation>
    </message>
    <message>
      <source>预定制造费用分配率</source>
      <translation>Predetermined overhead rate</translation>
    </message>
    <message>
      <source>首页</source>
      <translation>Home</translation>
    </message>
    <message>
      <source>默认仓库</source>
      <translation>Default warehouse</translation>
    </message>
    <message>
      <source>默认计价方法</source>
      <translation>Default valuation method</translation>
    </message>
    <message>
      <source>（演示数据尚未随本版本提供）</source>
      <translation>(The demo data is not included in this version yet)</translation>
    </message>
    <message>
      <source>：</source>
      <translation>: </translation>
    </message>
    <message>
      <source>制单人可审核自己的凭证</source>
      <translation>Makers may review their own vouchers</translation>
    </message>
    <message>
      <source>允许</source>
      <translation>Allowed</translation>
    </message>
    <message>
      <source>不允许</source>
      <translation>Not allowed</translation>
    </message>
    <message>
      <source>小数，可留空</source>
      <translation>a decimal, or empty</translation>
    </message>
    <message>
      <source>天数</source>
      <translation>days</translation>
    </message>
    <message>
      <source>借方合计 {d}　贷方合计 {c}</source>
      <translation>Debit total {d}　Credit total {c}</translation>
    </message>
    <message>
      <source>借方金额</source>
      <translation>Debit</translation>
    </message>
    <message>
      <source>凭证</source>
      <translation>Vouchers</translation>
    </message>
    <message>
      <source>凭证号</source>
      <translation>Voucher no.</translation>
    </message>
    <message>
      <source>反结账</source>
      <translation>Reopen</translation>
    </message>
    <message>
      <source>取消审核</source>
      <translation>Un-review</translation>
    </message>
    <message>
      <source>差额 {x}</source>
      <translation>Difference {x}</translation>
    </message>
    <message>
      <source>录入凭证</source>
      <translation>New voucher</translation>
    </message>
    <message>
      <source>往来单位</source>
      <translation>Partner</translation>
    </message>
    <message>
      <source>摘要</source>
      <translation>Summary</translation>
    </message>
    <message>
      <source>月末结账</source>
      <translation>Month-end close</translation>
    </message>
    <message>
      <source>期间</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>来源单据</source>
      <translation>Source document</translation>
    </message>
    <message>
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <source>科目</source>
      <translation>Account</translation>
    </message>
    <message>
      <source>结账</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>记账</source>
      <translation>Post</translation>
    </message>
    <message>
      <source>账簿报表</source>
      <translation>Books and statements</translation>
    </message>
    <message>
      <source>贷方金额</source>
      <translation>Credit</translation>
    </message>
  </context>
  <context>
    <name>jxc</name>
    <!-- 库存 tab (jxc_desktop/ui/inventory) -->
    <message>
      <source>{c} {name} +{q}，已盘 {t}</source>
      <translation>{c} {name} +{q}, counted {t}</translation>
    </message>
    <message>
      <source>{n}    仓库 {w}    日期 {d}    状态 {s}</source>
      <translation>{n}    Warehouse {w}    Date {d}    Status {s}</translation>
    </message>
    <message>
      <source>“{t}”不是有效的数字</source>
      <translation>'{t}' is not a valid number</translation>
    </message>
    <message>
      <source>“{t}”无效：不能为负，最多 {p} 位小数</source>
      <translation>'{t}' is invalid: not negative, at most {p} decimals</translation>
    </message>
    <message>
      <source>“{u}”不是该商品的单位，可选：{all}</source>
      <translation>'{u}' is not a unit of this item; choose from: {all}</translation>
    </message>
    <message>
      <source>从</source>
      <translation>From</translation>
    </message>
    <message>
      <source>仓库：</source>
      <translation>Warehouse:</translation>
    </message>
    <message>
      <source>作废</source>
      <translation>Void</translation>
    </message>
    <message>
      <source>保存 (Ctrl+S)</source>
      <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
      <source>保存并审核</source>
      <translation>Save and approve</translation>
    </message>
    <message>
      <source>全部仓库</source>
      <translation>All warehouses</translation>
    </message>
    <message>
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <source>共 {n} 行</source>
      <translation>{n} lines</translation>
    </message>
    <message>
      <source>共 {n} 行    数量合计 {q}</source>
      <translation>{n} lines    Total qty {q}</translation>
    </message>
    <message>
      <source>共 {n} 行，已盘 {c} 行，未盘 {u} 行    盘盈 {g}    盘亏 {l}</source>
      <translation>{n} lines, {c} counted, {u} not counted    Gain {g}    Loss {l}</translation>
    </message>
    <message>
      <source>关闭（可稍后继续盘点）</source>
      <translation>Close (continue counting later)</translation>
    </message>
    <message>
      <source>其他入库</source>
      <translation>Other receipts</translation>
    </message>
    <message>
      <source>其他出库</source>
      <translation>Other issues</translation>
    </message>
    <message>
      <source>出入库明细</source>
      <translation>Stock ledger</translation>
    </message>
    <message>
      <source>创建并开始盘点</source>
      <translation>Create and start counting</translation>
    </message>
    <message>
      <source>创建时冻结账面数量；之后可分多次扫描盘点，未盘的行不做调整。</source>
      <translation>Book quantities are frozen when it is created; count by scanning over as many sessions as needed. Lines never counted are not adjusted.</translation>
    </message>
    <message>
      <source>到</source>
      <translation>To</translation>
    </message>
    <message>
      <source>单位成本</source>
      <translation>Unit cost</translation>
    </message>
    <message>
      <source>单据 {n} 已作废。</source>
      <translation>Document {n} was voided.</translation>
    </message>
    <message>
      <source>单据 {n} 已反审核，回到草稿。</source>
      <translation>Document {n} was un-approved and is a draft again.</translation>
    </message>
    <message>
      <source>单据 {n} 已审核。</source>
      <translation>Document {n} was approved.</translation>
    </message>
    <message>
      <source>单据编号：</source>
      <translation>Number:</translation>
    </message>
    <message>
      <source>反审核</source>
      <translation>Un-approve</translation>
    </message>
    <message>
      <source>发现 {n} 个问题，未保存：</source>
      <translation>Problems found: {n}. Nothing was saved:</translation>
    </message>
    <message>
      <source>可选：只盘这个库位</source>
      <translation>Optional: count only this location</translation>
    </message>
    <message>
      <source>商品分类：</source>
      <translation>Category:</translation>
    </message>
    <message>
      <source>商品编码或条码</source>
      <translation>Item code or barcode</translation>
    </message>
    <message>
      <source>商品：</source>
      <translation>Item:</translation>
    </message>
    <message>
      <source>备注：</source>
      <translation>Remarks:</translation>
    </message>
    <message>
      <source>实盘数量</source>
      <translation>Counted qty</translation>
    </message>
    <message>
      <source>审核</source>
      <translation>Approve</translation>
    </message>
    <message>
      <source>审核（过账盘盈盘亏）</source>
      <translation>Approve (post gains and losses)</translation>
    </message>
    <message>
      <source>就绪：请扫描</source>
      <translation>Ready: scan an item</translation>
    </message>
    <message>
      <source>已保存 {n}</source>
      <translation>Saved {n}</translation>
    </message>
    <message>
      <source>已审核</source>
      <translation>Approved</translation>
    </message>
    <message>
      <source>已导出 {n} 行到 {p}</source>
      <translation>Exported {n} rows to {p}</translation>
    </message>
    <message>
      <source>库位：</source>
      <translation>Location:</translation>
    </message>
    <message>
      <source>库存查询</source>
      <translation>Stock on hand</translation>
    </message>
    <message>
      <source>成本调整</source>
      <translation>Cost adjustments</translation>
    </message>
    <message>
      <source>截至</source>
      <translation>As of</translation>
    </message>
    <message>
      <source>打印 PDF</source>
      <translation>Print PDF</translation>
    </message>
    <message>
      <source>打印售价</source>
      <translation>Print the sale price</translation>
    </message>
    <message>
      <source>打印标签</source>
      <translation>Print labels</translation>
    </message>
    <message>
      <source>扫描条码或输入编码后回车；先输入 5* 再扫描可设数量</source>
      <translation>Scan a barcode or type a code, then Enter; type 5* before a scan to set the quantity</translation>
    </message>
    <message>
      <source>批次</source>
      <translation>Batch</translation>
    </message>
    <message>
      <source>搜索：单据编号开头 / 外部单号（回车）</source>
      <translation>Search: number starts with / external number (Enter)</translation>
    </message>
    <message>
      <source>收发存汇总</source>
      <translation>Stock summary</translation>
    </message>
    <message>
      <source>数量</source>
      <translation>Qty</translation>
    </message>
    <message>
      <source>新单据</source>
      <translation>New document</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>New</translation>
    </message>
    <message>
      <source>新建盘点单</source>
      <translation>New stocktake</translation>
    </message>
    <message>
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <source>日期“{t}”无效，请按 YYYY-MM-DD 输入</source>
      <translation>Date '{t}' is invalid; type YYYY-MM-DD</translation>
    </message>
    <message>
      <source>日期：</source>
      <translation>Date:</translation>
    </message>
    <message>
      <source>时间：</source>
      <translation>Time:</translation>
    </message>
    <message>
      <source>有效期至</source>
      <translation>Expiry date</translation>
    </message>
    <message>
      <source>期初库存</source>
      <translation>Opening stock</translation>
    </message>
    <message>
      <source>未盘</source>
      <translation>Not counted</translation>
    </message>
    <message>
      <source>查询</source>
      <translation>Run</translation>
    </message>
    <message>
      <source>标签数量：</source>
      <translation>Labels:</translation>
    </message>
    <message>
      <source>标签规格：</source>
      <translation>Label layout:</translation>
    </message>
    <message>
      <source>正在查询……</source>
      <translation>Running the report…</translation>
    </message>
    <message>
      <source>正在生成 PDF……</source>
      <translation>Writing the PDF…</translation>
    </message>
    <message>
      <source>正在生成标签……</source>
      <translation>Writing the labels…</translation>
    </message>
    <message>
      <source>状态：</source>
      <translation>Status:</translation>
    </message>
    <message>
      <source>生产日期</source>
      <translation>Production date</translation>
    </message>
    <message>
      <source>盈亏数量</source>
      <translation>Difference</translation>
    </message>
    <message>
      <source>盈亏金额</source>
      <translation>Difference value</translation>
    </message>
    <message>
      <source>盘点</source>
      <translation>Stocktake</translation>
    </message>
    <message>
      <source>盘点单</source>
      <translation>Stocktakes</translation>
    </message>
    <message>
      <source>盘点单已审核，盘盈盘亏已过账。</source>
      <translation>The stocktake is approved; gains and losses are posted.</translation>
    </message>
    <message>
      <source>盘点日期：</source>
      <translation>Stocktake date:</translation>
    </message>
    <message>
      <source>确定删除草稿 {n} 吗？单号不会再使用。</source>
      <translation>Delete draft {n}? Its number will not be used again.</translation>
    </message>
    <message>
      <source>编辑</source>
      <translation>Edit</translation>
    </message>
    <message>
      <source>草稿</source>
      <translation>Draft</translation>
    </message>
    <message>
      <source>行号</source>
      <translation>Line</translation>
    </message>
    <message>
      <source>请先选择一张单据。</source>
      <translation>Select a document first.</translation>
    </message>
    <message>
      <source>调入仓库：</source>
      <translation>To warehouse:</translation>
    </message>
    <message>
      <source>调入库位</source>
      <translation>To location</translation>
    </message>
    <message>
      <source>调出仓库：</source>
      <translation>From warehouse:</translation>
    </message>
    <message>
      <source>调拨单</source>
      <translation>Transfers</translation>
    </message>
    <message>
      <source>调整金额</source>
      <translation>Adjustment</translation>
    </message>
    <message>
      <source>账面数量</source>
      <translation>Book qty</translation>
    </message>
    <message>
      <source>金额</source>
      <translation>Amount</translation>
    </message>
    <message>
      <source>金额合计 {a}</source>
      <translation>Total amount {a}</translation>
    </message>
    <message>
      <source>（保存时生成）</source>
      <translation>(assigned when saved)</translation>
    </message>
    <message>
      <source>正在保存……</source>
      <translation>Saving…</translation>
    </message>
    <message>
      <source>正在审核……</source>
      <translation>Approving…</translation>
    </message>
    <message>
      <source>发现 {n} 个问题，单据已保存但未审核：</source>
      <translation>Problems found: {n}. The document is saved but not approved:</translation>
    </message>
    <message>
      <source>正在保存，请稍候再关闭</source>
      <translation>Saving; close the form when it is done</translation>
    </message>
    <message>
      <source>正在冻结账面数量……</source>
      <translation>Freezing the book quantities…</translation>
    </message>
    <message>
      <source>正在处理，请稍候再关闭</source>
      <translation>Working; close when it is done</translation>
    </message>
    <message>
      <source>（无库位）</source>
      <translation>(no location)</translation>
    </message>
    <message>
      <source>正在盘点库位：</source>
      <translation>Counting location:</translation>
    </message>
    <message>
      <source>批次号</source>
      <translation>Batch number</translation>
    </message>
    <message>
      <source>批次管理商品的当前批次：</source>
      <translation>Current batch for batch-managed items:</translation>
    </message>
    <message>
      <source>生产日期：</source>
      <translation>Production date:</translation>
    </message>
    <message>
      <source>批次：</source>
      <translation>Batch:</translation>
    </message>
    <message>
      <source>{p} 已存在；要打开已有的账套，请用 文件 › 打开账套。</source>
      <translation>{p} already exists; to open an existing company, use File › Open company.</translation>
    </message>
    <message>
      <source>后台任务尚未完成，请稍后再切换账套。</source>
      <translation>A task is still running; switch companies when it has finished.</translation>
    </message>
    <message>
      <source>备份账套</source>
      <translation>Back up company</translation>
    </message>
    <message>
      <source>备份账套…</source>
      <translation>Back up company…</translation>
    </message>
    <message>
      <source>已备份到 {p}
{f}</source>
      <translation>Backed up to {p}
{f}</translation>
    </message>
    <message>
      <source>已用备份恢复账套。</source>
      <translation>The company was restored from the backup.</translation>
    </message>
    <message>
      <source>恢复前的账套文件另存为 {p}</source>
      <translation>The file it replaced is kept as {p}</translation>
    </message>
    <message>
      <source>恢复账套…</source>
      <translation>Restore company…</translation>
    </message>
    <message>
      <source>打开账套</source>
      <translation>Open company</translation>
    </message>
    <message>
      <source>打开账套…</source>
      <translation>Open company…</translation>
    </message>
    <message>
      <source>新建账套</source>
      <translation>New company</translation>
    </message>
    <message>
      <source>新建账套…</source>
      <translation>New company…</translation>
    </message>
    <message>
      <source>新账套.sqlite</source>
      <translation>new-company.sqlite</translation>
    </message>
    <message>
      <source>无</source>
      <translation>none</translation>
    </message>
    <message>
      <source>服务器（PostgreSQL）上的账套请在服务器上用 pg_dump 备份和恢复。</source>
      <translation>A company on a PostgreSQL server is backed up and restored on the server (pg_dump).</translation>
    </message>
    <message>
      <source>正在备份账套…</source>
      <translation>Backing up the company…</translation>
    </message>
    <message>
      <source>正在恢复账套…</source>
      <translation>Restoring the company…</translation>
    </message>
    <message>
      <source>用这个备份替换当前账套？

备份：{f}

当前：{c}

当前账套的文件会先另存为 .bak，恢复后仍可找回。</source>
      <translation>Replace the open company with this backup?

Backup: {f}

Open now: {c}

The open company's file is kept as .bak first, so it can still be recovered.</translation>
    </message>
    <message>
      <source>账套“{c}”，单据 {n} 张，最近单据日期 {d}，文件保存于 {m}（{s}）</source>
      <translation>Company “{c}”, {n} documents, latest document dated {d}, file saved {m} ({s})</translation>
    </message>
    <message>
      <source>账套文件 (*.sqlite);;所有文件 (*)</source>
      <translation>Company files (*.sqlite);;All files (*)</translation>
    </message>
    <message>
      <source>选择要恢复的备份</source>
      <translation>Choose the backup to restore</translation>
    </message>
    <message>
      <source>建立仓库，需要时加上库位</source>
      <translation>Set up your warehouses, with locations if you need them</translation>
    </message>
    <message>
      <source>开始使用</source>
      <translation>Getting started</translation>
    </message>
    <message>
      <source>录入供应商（也可从 Excel 导入）</source>
      <translation>Enter your suppliers (or import them from Excel)</translation>
    </message>
    <message>
      <source>录入客户（也可从 Excel 导入）</source>
      <translation>Enter your customers (or import them from Excel)</translation>
    </message>
    <message>
      <source>录入开账时的库存数量和成本，然后就可以开单了</source>
      <translation>Enter the stock on hand and its cost at the start; then documents can be made</translation>
    </message>
    <message>
      <source>逐个录入，或在 基础资料 › 商品 用 Excel 批量导入</source>
      <translation>One by one, or import them from Excel in Base data › Items</translation>
    </message>
    <message>
      <source>注意：备份是另一个账套“{b}”，不是当前的“{c}”。</source>
      <translation>Note: the backup is of another company, “{b}”, not of the open “{c}”.</translation>
    </message>
    <message>
      <source>正在升级账套文件 {name} 的数据结构。
每个版本只需一次，请稍候…</source>
      <translation>Upgrading the company file {name} to this version's structure.
This happens once per version, please wait…</translation>
    </message>
    <message>
      <source>升级账套</source>
      <translation>Upgrading the company file</translation>
    </message>
  </context>
</TS>
